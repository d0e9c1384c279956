import { useSignedIn } from '../../api/session';
import { WebhooksSection } from '../../notifications/WebhooksSection';
import { UsersSection } from '../../people/UsersSection';
import { CalendarSection } from '../../settings/CalendarSection';
import { ProfileSection } from '../../settings/ProfileSection';
import { SessionsSection } from '../../settings/SessionsSection';
import { TokenSection } from '../../settings/TokenSection';
import { WorkspaceSection } from '../../settings/WorkspaceSection';

const PERSONAL = [
  { id: 'profile', label: 'Profile' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'calendar', label: 'Calendar' },
  { id: 'api-tokens', label: 'API tokens' },
];
const ADMIN = [
  { id: 'users', label: 'Users' },
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'workspace', label: 'Workspace' },
];

/** `/settings`: the person's own settings; for admins also the desk's users, webhooks and workspace. */
export function SettingsScreen() {
  const me = useSignedIn();
  const admin = me.role === 'admin';
  return (
    <section className="page settings-page">
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      <div className="settings-layout">
        <nav aria-label="Settings sections" className="settings-nav">
          <ul>
            {[...PERSONAL, ...(admin ? ADMIN : [])].map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`}>{section.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-sections">
          <ProfileSection />
          <SessionsSection />
          <CalendarSection />
          <TokenSection />
          {admin && (
            <>
              <UsersSection />
              <WebhooksSection />
              <WorkspaceSection />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
