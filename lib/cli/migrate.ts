import { migrateDatabase } from '@/lib/db/migrate';
import { loadEnvironment, openDatabase } from './runtime';

loadEnvironment();
const database = await openDatabase();
await migrateDatabase(database.url);
console.log('quorum: migrations applied');
await database.embedded?.stop();
