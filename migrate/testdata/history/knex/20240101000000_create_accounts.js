exports.up = (knex) => knex.schema.createTable('accounts', (t) => { t.bigIncrements('id'); t.text('name').notNullable(); });
exports.down = (knex) => knex.schema.dropTable('accounts');
