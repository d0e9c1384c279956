import { useSignedIn } from '../../api/session';
import { WebhooksSection } from '../../notifications/WebhooksSection';
import { UsersSection } from '../../accounts/UsersSection';
import { CalendarSection } from '../../calendars/CalendarSection';
import { ProfileSection } from '../../people/ProfileSection';
import { SessionsSection } from '../../people/SessionsSection';
import { TokenSection } from '../../accounts/TokenSection';
import { WorkspaceSection } from '../../accounts/WorkspaceSection';

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
