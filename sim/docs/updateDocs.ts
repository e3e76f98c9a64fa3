import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaFileText, withTablesSection } from './generatedDocs.js';

/* `npm run docs`: regenerates the table documentation in output/README.md and scenarios/scenario.schema.json. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const readmePath = path.join(root, 'output/README.md');
writeFileSync(readmePath, withTablesSection(readFileSync(readmePath, 'utf8')));
writeFileSync(path.join(root, 'scenarios/scenario.schema.json'), schemaFileText());
console.log('updated output/README.md and scenarios/scenario.schema.json');
