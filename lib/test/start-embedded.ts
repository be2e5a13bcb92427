// Starts the embedded server for a data folder and keeps running until killed: lets a test
// simulate a Quorum process that crashed and left its PostgreSQL server behind.
import { startEmbeddedDatabase } from '@/lib/db/embedded';

await startEmbeddedDatabase({ dataDir: process.argv[2]!, fast: true });
console.log('ready');
setInterval(() => undefined, 60_000);
