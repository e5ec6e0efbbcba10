// Prints the SQL TypeORM would need to bring a database to the entities: the draft of a migration, to be
// reviewed and hand-finished (names, checks, triggers) before it goes into migrations/.
import 'reflect-metadata';
import { createMappingStoreDataSource } from '../libs/mapping-store/src/mapping-store.data-source.js';

const url = process.argv[2];
const dataSource = await createMappingStoreDataSource(url ? { kind: 'postgres', url } : { kind: 'embedded' }, []);
await dataSource.initialize();
const sql = await dataSource.driver.createSchemaBuilder().log();
for (const query of sql.upQueries) process.stdout.write(`${query.query};\n`);
await dataSource.destroy();
