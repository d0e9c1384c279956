import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './config/env';
import { dataSourceOptions } from './database/options';
import { ENTITIES } from './entities';

/**
 * Used only by the TypeORM CLI: `npm run migration:run|revert|generate`
 * (typeorm -d dist/src/data-source.js). The app builds its own from the same options.
 */
export default new DataSource(dataSourceOptions({ databaseUrl: loadConfig().databaseUrl, entities: ENTITIES, poolSize: 2, applicationName: 'claimtrack-cli' }));
