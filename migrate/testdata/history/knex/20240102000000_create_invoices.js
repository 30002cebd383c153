exports.up = (knex) => knex.schema.createTable('invoices', (t) => { t.bigIncrements('id'); t.bigInteger('account_id').notNullable().references('accounts.id'); });
exports.down = (knex) => knex.schema.dropTable('invoices');
