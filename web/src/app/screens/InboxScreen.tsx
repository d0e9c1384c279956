import { Placeholder } from '../../ui/Placeholder';

export function InboxScreen() {
  return <Placeholder title="Inbox" />;
}
