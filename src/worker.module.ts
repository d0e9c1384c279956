import { Module } from '@nestjs/common';

/**
 * The queue workers: every processor and the periodic sweep. Imported by the API process with
 * `APP_ROLE=all`, or run alone by src/worker.ts with `APP_ROLE=worker`.
 */
@Module({})
export class WorkerModule {}
