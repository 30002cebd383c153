// Applies the first two migrations of drizzle/ with drizzle-orm's own
// migrator (run by gen), so the third stays pending.
const fs = require('fs');
const path = require('path');
const { Pool } = require('pg');
const { drizzle } = require('drizzle-orm/node-postgres');
const { migrate } = require('drizzle-orm/node-postgres/migrator');

const src = path.join(__dirname, '..', 'drizzle');
const dst = path.join(process.env.WORK, 'drizzle');
fs.mkdirSync(path.join(dst, 'meta'), { recursive: true });
const journal = JSON.parse(fs.readFileSync(path.join(src, 'meta', '_journal.json'), 'utf8'));
journal.entries = journal.entries.slice(0, 2);
fs.writeFileSync(path.join(dst, 'meta', '_journal.json'), JSON.stringify(journal));
for (const e of journal.entries) fs.copyFileSync(path.join(src, e.tag + '.sql'), path.join(dst, e.tag + '.sql'));

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
migrate(drizzle(pool), { migrationsFolder: dst })
  .then(() => pool.end())
  .catch((e) => { console.error(e); process.exit(1); });
