// Preloaded (node --require) into the API host of the live events bench: when a transaction that
// inserted a claim (or edited one to a text ending in `(edit n)`) has committed, prints
// `commit-time <claim id | u<n>> <wall-clock ms>` on stdout, so
// that the bench measures from the very commit (not from the transaction's start, which `at`
// is, nor from the 201, which follows the commit by the similar-claims query). Costs one string
// comparison per statement.
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');

// Resolve `pg` as the app does (from the project root), so that we patch the same module.
const pg = require(require.resolve('pg', { paths: [process.cwd(), path.join(__dirname, '..', '..')] }));
const original = pg.Client.prototype.query;
const CLAIM = Symbol('the write of the open transaction');

pg.Client.prototype.query = function timedQuery(config, values, callback) {
  const text = typeof config === 'string' ? config : config && typeof config.text === 'string' ? config.text : '';
  const client = this;
  let after = null;
  if (text.startsWith('INSERT INTO claims')) {
    after = (result) => {
      if (result && result.rows && result.rows[0]) client[CLAIM] = result.rows[0].id;
    };
  } else if (text.startsWith('UPDATE claims SET text')) {
    const params = Array.isArray(values) ? values : config && Array.isArray(config.values) ? config.values : [];
    const edit = /\(edit (\d+)\)$/.exec(String(params[3] ?? ''));
    if (edit) client[CLAIM] = `u${edit[1]}`;
  } else if (text === 'COMMIT') {
    after = () => {
      if (client[CLAIM]) process.stdout.write(`commit-time ${client[CLAIM]} ${performance.timeOrigin + performance.now()}\n`);
      client[CLAIM] = undefined;
    };
  } else if (text === 'ROLLBACK') {
    client[CLAIM] = undefined;
  }
  if (!after) return original.call(this, config, values, callback);
  if (typeof callback === 'function') {
    return original.call(this, config, values, (error, result) => {
      if (!error) after(result);
      callback(error, result);
    });
  }
  if (typeof values === 'function') {
    return original.call(this, config, (error, result) => {
      if (!error) after(result);
      values(error, result);
    });
  }
  const returned = original.call(this, config, values);
  if (returned && typeof returned.then === 'function') {
    return returned.then((result) => {
      after(result);
      return result;
    });
  }
  return returned;
};
