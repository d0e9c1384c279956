import { Placeholder } from '../../ui/Placeholder';

export function SourcesScreen() {
  return <Placeholder title="Sources" />;
}
