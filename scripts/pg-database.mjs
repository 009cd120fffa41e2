// node scripts/pg-database.mjs create|drop <admin connection string> <name>
import pg from 'pg';

const [action, admin, name] = process.argv.slice(2);
if (!/^[a-z_][a-z0-9_]*$/.test(name ?? '') || !['create', 'drop'].includes(action)) {
  console.error('usage: pg-database.mjs create|drop <connection string> <name>');
  process.exit(2);
}
const client = new pg.Client({ connectionString: admin });
await client.connect();
try {
  await client.query(action === 'create' ? `create database ${name}` : `drop database if exists ${name} with (force)`);
} finally {
  await client.end();
}
