// Preloaded (node --require) into a short-lived copy of the service, never into the process
// being measured: appends every statement sent through `pg`, with its parameter values, to
// CAPTURE_SQL_FILE (one JSON line each), so the bench can replay exactly the statements one
// tracker page runs, straight against PostgreSQL: the least work the page must do.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const file = process.env.CAPTURE_SQL_FILE;
if (file) {
  const pg = require(require.resolve('pg', { paths: [process.cwd(), path.join(__dirname, '..', '..')] }));
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function capturedQuery(config, values, callback) {
    const text = typeof config === 'string' ? config : config && typeof config.text === 'string' ? config.text : null;
    if (text !== null) {
      const params = Array.isArray(values) ? values : config && Array.isArray(config.values) ? config.values : [];
      fs.appendFileSync(file, `${JSON.stringify({ text, values: params })}\n`);
    }
    return original.call(this, config, values, callback);
  };
}
