import { Placeholder } from '../../ui/Placeholder';

export function ClaimsListScreen() {
  return <Placeholder title="Claims" />;
}
