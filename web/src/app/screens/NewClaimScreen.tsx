import { Placeholder } from '../../ui/Placeholder';

export function NewClaimScreen() {
  return <Placeholder title="New claim" />;
}
