/**
 * The rules of docs/architecture.md, "Boundaries", checked on every `npm test` (npm run boundaries).
 * Arrows point down only: entry points → reactions (reminders, publishing, …) → the core
 * (claims, accounts) → what knows no domain (common, config, database, queues, events).
 */
const INFRASTRUCTURE = '^src/(common|config|database|queues|events)/';
const DOMAINS =
  '^src/(accounts|claims|evidence|reminders|notifications|publishing|sources|health|comments|people|calendars|digests|tracker|live|demo|docs|desk)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Two modules that need each other are one module, or one of them wants an event.',
      from: { path: '^(src|web)/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'infrastructure-knows-no-domain',
      severity: 'error',
      comment: 'common/, config/, database/, queues/ and events/ serve every domain and know none of them.',
      from: { path: INFRASTRUCTURE },
      to: { path: DOMAINS },
    },
    {
      name: 'claims-knows-nothing-above-it',
      severity: 'error',
      comment: 'The lifecycle announces what happened (ClaimObservers, the event log); modules above react.',
      from: { path: '^src/claims/' },
      to: { path: '^src/(reminders|notifications|evidence|publishing|comments|calendars|digests|tracker|live|health)/' },
    },
    {
      name: 'notifications-knows-no-claims',
      severity: 'error',
      comment: 'notifications/ delivers whatever it is handed and knows nothing of claims or reminders.',
      from: { path: '^src/notifications/' },
      to: { path: '^src/(claims|reminders|evidence|publishing|sources|comments|digests|tracker|calendars)/' },
    },
    {
      name: 'accounts-is-core',
      severity: 'error',
      comment: 'accounts/ is part of the core: it knows no module that reacts to claims.',
      from: { path: '^src/accounts/' },
      to: { path: '^src/(claims|reminders|evidence|publishing|comments|digests|tracker|calendars)/' },
    },
    {
      name: 'only-entry-points-compose',
      severity: 'error',
      comment: 'app.module and worker.module compose the domains; no domain imports them (no hub module).',
      from: { path: '^src/', pathNot: '^src/(main|worker|http-app|app\\.module|worker\\.module|docs/print-openapi)\\.ts$' },
      to: { path: '^src/(app|worker)\\.module\\.ts$' },
    },
    {
      name: 'tests-are-not-shipped',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '(^test/|\\.spec\\.ts$|^bench/)' },
    },
    {
      name: 'desk-domains-stay-apart',
      severity: 'error',
      comment:
        'A desk domain (web/src/claims, people, reminders …) never reaches into another; screens in web/src/app compose them (docs/architecture.md, "The desk (web/)").',
      from: { path: '^web/src/(accounts|calendars|claims|evidence|reminders|sources|notifications|people|comments|publishing)/' },
      to: { path: '^web/src/(accounts|calendars|claims|evidence|reminders|sources|notifications|people|comments|publishing)/', pathNot: '^web/src/$1/' },
    },
    {
      name: 'desk-shared-knows-no-domain',
      severity: 'error',
      comment: 'web/src/api, ui and live serve every screen and know none of them.',
      from: { path: '^web/src/(api|ui|live)/' },
      to: { path: '^web/src/(app|accounts|calendars|claims|evidence|reminders|sources|notifications|people|comments|publishing)/' },
    },
    {
      name: 'desk-and-service-apart',
      severity: 'error',
      comment: 'The desk talks to the service over HTTP only (docs/architecture.md, "The desk (web/)"); the service never imports the desk.',
      from: { path: '^web/' },
      to: { path: '^(src|test|migrations)/' },
    },
    {
      name: 'service-knows-no-desk',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^web/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|node_modules)/' },
  },
};
