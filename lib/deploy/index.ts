import 'server-only';

// Deployment concerns (which database, when to migrate, what must stop a deployment), used by the
// build, start-up and `npm run doctor`: the rest of the app imports from '@/lib/deploy' only.
export { databaseRefusal, databaseUrlVariable, migrateOnBuild, migrationUrlVariable } from './database';
export { runDoctor, type Check, type CheckStatus, type DoctorOptions, type DoctorReport } from './doctor';
