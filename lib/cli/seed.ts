import { seedDemo } from '@/db/seed/demo';
import { closeDb, getDb } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { loadEnvironment, openDatabase } from './runtime';

loadEnvironment();
const database = await openDatabase();
await migrateDatabase(database.url);
process.env.DATABASE_URL = database.url;
const seeded = await seedDemo(getDb());
console.log(seeded ? 'quorum: demo data seeded' : 'quorum: the database already has organisations; nothing seeded');
await closeDb();
await database.embedded?.stop();
