import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

// Types of the database handle, apart from db/client.ts so that modules the client imports
// (the seed) can name them without an import circle.
export type Schema = typeof schema;
/** Drizzle database over any of our drivers (PGlite, node-postgres, @vercel/postgres). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
