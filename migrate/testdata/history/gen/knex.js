// Applies the knex/ migrations with knex itself (run by gen).
const path = require('path');
const knex = require('knex')({
  client: 'pg',
  connection: process.env.DATABASE_URL,
  migrations: { directory: path.join(__dirname, '..', 'knex') },
});
knex.migrate.latest()
  .then(() => knex.destroy())
  .catch((e) => { console.error(e); process.exit(1); });
