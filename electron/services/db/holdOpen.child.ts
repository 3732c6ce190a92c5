// Test child: opens a counter database the way the app does, says OPEN, and keeps it open until killed.
import { openDatabase } from './open';

const db = openDatabase(process.argv[2]!);
process.stdout.write('OPEN\n');
setInterval(() => db.prepare('SELECT 1').get(), 60_000);
