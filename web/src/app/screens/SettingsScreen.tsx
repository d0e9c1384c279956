import { Placeholder } from '../../ui/Placeholder';

export function SettingsScreen() {
  return <Placeholder title="Settings" />;
}
