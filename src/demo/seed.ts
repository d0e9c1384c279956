import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Actor } from '../common/auth/actor';
import { AccountsModule } from '../accounts/accounts.module';
import { AccountsService } from '../accounts/accounts.service';
import { AuthService } from '../accounts/auth.service';
import { hashToken } from '../accounts/tokens';
import { ClaimsModule } from '../claims/claims.module';
import { ClaimsService } from '../claims/claims.service';
import type { TransitionDto } from '../claims/dto/claim.dto';
import { TransitionsService } from '../claims/transitions.service';
import { ConfigError, loadConfig, type AppConfig } from '../config/env';
import { CoreModule } from '../core.module';
import { createDatabaseIfMissing, migrateDatabase } from '../database/prepare';
import { EvidenceModule } from '../evidence/evidence.module';
import { EvidenceService } from '../evidence/evidence.service';
import { PeopleModule } from '../people/people.module';
import { PeopleService } from '../people/people.service';
import { RemindersModule } from '../reminders/reminders.module';
import { SourcesModule } from '../sources/sources.module';
import { SourcesService } from '../sources/sources.service';
import { TrackerModule } from '../tracker/tracker.module';
import { WorkspaceSettingsService } from '../accounts/workspace-settings.service';
import { DEMO_SOURCE_TEXT } from './haiti-mission';

@Module({})
class SeedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SeedModule,
      imports: [CoreModule.forRoot(config), AccountsModule, SourcesModule, ClaimsModule, EvidenceModule, RemindersModule, PeopleModule, TrackerModule],
    };
  }
}

const DAY = 86_400_000;

/**
 * `npm run seed`: a demo desk of its own with the contract's worked example (a Kenyan
 * official on the Haiti security mission), each claim at a sensible stage, then prints a token
 * and an invitation link for signing in to the desk.
 */
async function seed(): Promise<void> {
  const config = { ...loadConfig(), appRole: 'api' as const, logLevel: 'warn' };
  await createDatabaseIfMissing(config.databaseUrl);
  await migrateDatabase(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const accounts = app.get(AccountsService);
    const auth = app.get(AuthService);
    const claims = app.get(ClaimsService);
    const transitions = app.get(TransitionsService);
    const evidence = app.get(EvidenceService);
    const sources = app.get(SourcesService);

    const suffix = randomBytes(3).toString('hex');
    const workspace = await accounts.createWorkspace(`Haiti mission demo ${suffix}`, `desk-admin-${suffix}@demo.invalid`);
    const actorFor = async (token: string): Promise<Actor> => (await auth.actorForTokenHash(hashToken(token)))!;
    const admin = await actorFor(workspace.admin.token);
    const checker = await actorFor(
      (await accounts.createUser(admin, { email: `wanjiru-${suffix}@demo.invalid`, name: 'Wanjiru Kamau', role: 'checker' })).token,
    );
    const editor = await actorFor((await accounts.createUser(admin, { email: `otieno-${suffix}@demo.invalid`, name: 'Otieno Ouma', role: 'editor' })).token);
    const move = async (actor: Actor, id: string, dto: TransitionDto) => transitions.transition(actor, id, 'any', dto);

    const source = await sources.create(checker, {
      title: 'Foreign affairs PS briefs reporters on the Haiti deployment',
      url: 'https://news.example/haiti-briefing',
      publisher: 'Example Daily',
      publishedAt: new Date(Date.now() - 7 * DAY).toISOString(),
      text: DEMO_SOURCE_TEXT,
    });
    const official = { name: "Korir Sing'Oei", affiliation: 'Principal Secretary, Ministry of Foreign Affairs' };
    const claimedAt = source.publishedAt!.toISOString();
    const base = { claimant: official, sourceId: source.id, claimedAt };

    const spent = await claims.create(checker, {
      ...base,
      kind: 'statement',
      text: 'Kenya has spent Ksh 2.1 billion on the Haiti mission',
      tags: ['haiti', 'budget'],
    });
    await move(checker, spent.id, { to: 'in_research' });
    await evidence.add(checker, spent.id, {
      description: 'Supplementary budget estimates list about Ksh 2.06 billion for the deployment',
      url: 'https://treasury.example/estimates',
      stance: 'supports',
    });
    await move(checker, spent.id, {
      to: 'in_review',
      verdict: { rating: 'mostly_true', summary: 'Budget documents put the outlay slightly under Ksh 2.1 billion.' },
    });
    await move(editor, spent.id, { to: 'published', reviewUrl: 'https://desk.example/checks/haiti-spending' });

    const resolution = await claims.create(checker, {
      ...base,
      kind: 'statement',
      text: 'The mission rests on a UN Security Council resolution that the council fully endorsed',
      tags: ['haiti', 'un'],
    });
    await move(checker, resolution.id, { to: 'in_research' });
    await evidence.add(checker, resolution.id, { description: 'Council voting record: adopted with 13 votes in favour and 2 abstentions', stance: 'refutes' });
    await move(checker, resolution.id, {
      to: 'in_review',
      verdict: { rating: 'half_true', summary: 'The resolution passed, but two members abstained rather than endorse it.' },
    });

    const reimbursed = await claims.create(checker, {
      ...base,
      kind: 'promise',
      text: 'The money Kenya spent on the Haiti mission will be reimbursed to Kenya',
      tags: ['haiti', 'budget'],
      priority: 'high',
    });
    await move(checker, reimbursed.id, { to: 'in_research' });
    await move(checker, reimbursed.id, { to: 'monitoring', followUpAt: new Date(Date.now() + 60 * DAY).toISOString() });

    const peacekeeping = await claims.create(checker, {
      ...base,
      kind: 'promise',
      text: 'A new resolution will move the mission from trust-fund financing to a UN peacekeeping force',
      tags: ['haiti', 'un'],
      dueAt: new Date(Date.now() + 30 * DAY).toISOString(),
    });
    await move(checker, peacekeeping.id, { to: 'in_research' });

    const opinion = await claims.create(checker, {
      ...base,
      kind: 'opinion',
      text: "The mission fits the incoming US administration's immigration policy",
      tags: ['haiti', 'us'],
    });
    await move(editor, opinion.id, { to: 'rejected', note: 'A view on policy fit, not a checkable fact.' });

    // Promises of other officials, followed to their end: the tracker's scoreboard has something
    // to count. Each goes the whole way, evidence and a second person's sign-off included.
    const county = { name: 'Miriam Achola', affiliation: 'Finance executive, Lakeside County' };
    const rated: Array<{
      text: string;
      rating: 'kept' | 'compromise' | 'broken';
      summary: string;
      evidence: string;
      stance: 'supports' | 'refutes' | 'context';
    }> = [
      {
        text: 'The county will finish the lakeside footbridges before the long rains',
        rating: 'kept',
        summary: 'All four footbridges opened in March, weeks before the rains began.',
        evidence: 'County roads department completion certificates for the four bridges',
        stance: 'supports',
      },
      {
        text: 'Every county hospital will have a working oxygen plant by the end of the year',
        rating: 'broken',
        summary: 'Two of the five hospitals still had no plant when the year ended.',
        evidence: "Health department inventory of oxygen plants at the year's end",
        stance: 'refutes',
      },
      {
        text: 'The market levy will be halved for traders who pay on time',
        rating: 'compromise',
        summary: 'The levy was cut by a third rather than by half, for prompt payers only.',
        evidence: 'The finance act as passed by the county assembly',
        stance: 'context',
      },
    ];
    for (const promise of rated) {
      const claim = await claims.create(checker, { kind: 'promise', text: promise.text, claimant: county, tags: ['county'] });
      await move(checker, claim.id, { to: 'in_research' });
      await evidence.add(checker, claim.id, { description: promise.evidence, stance: promise.stance });
      await move(checker, claim.id, { to: 'in_review', verdict: { rating: promise.rating, summary: promise.summary } });
      await move(editor, claim.id, { to: 'published', reviewUrl: `https://desk.example/checks/${claim.id}` });
    }

    // The demo's published work is public, so the tracker can be seen at once.
    const { slug } = await app.get(WorkspaceSettingsService).update(admin, { tracker: { enabled: true, title: 'Haiti mission: promises and facts' } });

    process.stdout.write(
      [
        `Seeded workspace "Haiti mission demo ${suffix}" with ${5 + rated.length} claims.`,
        `Explore it as the desk's editor (token shown once):`,
        `  export TOKEN=${await accounts.rotateToken(admin, editor.userId)}`,
        `  curl -H "Authorization: Bearer $TOKEN" localhost:${config.port}/v1/claims`,
        `Or sign in to the desk as the editor: open this invitation link and choose a password:`,
        `  ${(await app.get(PeopleService).invite(admin, editor.userId)).url}`,
        `Its public promise tracker: ${config.publicUrl}/t/${slug}`,
        '',
      ].join('\n'),
    );
  } finally {
    await app.close();
  }
}

seed().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof ConfigError ? error.problems.join('; ') : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
