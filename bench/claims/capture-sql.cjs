// Preloaded (node --require) into short-lived copies of the service and of the bare handler,
// never into the processes being measured: appends the text of every statement sent through
// `pg` to CAPTURE_SQL_FILE, one JSON line each, so the bench can show which statements one
// POST /v1/claims runs in each implementation.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const file = process.env.CAPTURE_SQL_FILE;
if (file) {
  // Resolve `pg` as the app does (from the project root), so that we patch the same module.
  const pg = require(require.resolve('pg', { paths: [process.cwd(), path.join(__dirname, '..', '..')] }));
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function capturedQuery(config, values, callback) {
    const text = typeof config === 'string' ? config : config && typeof config.text === 'string' ? config.text : null;
    if (text !== null) {
      const params = Array.isArray(values) ? values.length : config && Array.isArray(config.values) ? config.values.length : 0;
      fs.appendFileSync(file, `${JSON.stringify({ text, params })}\n`);
    }
    return original.call(this, config, values, callback);
  };
}
