import { Placeholder } from '../../ui/Placeholder';

export function RemindersScreen() {
  return <Placeholder title="Reminders" />;
}
