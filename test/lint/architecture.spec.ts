import { readFileSync } from 'node:fs';
import {
  ARCHITECTURE_COMMAND,
  ARCHITECTURE_DOC_FILE,
  architectureMarkdown,
  areaOf,
  layerOf,
  renderMermaid,
  runsBackUp,
} from '../../scripts/architecture.js';

// ARCHITECTURE.md's picture is generated from the imports; a picture that no longer matches the code would
// teach the next vendor's authors a layering the code does not have.

describe('ARCHITECTURE.md', () => {
  it(`shows the dependencies the code has (${ARCHITECTURE_COMMAND} regenerates it)`, async () => {
    const current = readFileSync(ARCHITECTURE_DOC_FILE, 'utf8');
    expect(current).toBe(await architectureMarkdown(current));
  });

  it('collapses files to their areas and areas to their layers', () => {
    expect(areaOf('apps/gateway/src/main.ts')).toBe('apps/gateway/src');
    expect(areaOf('apps/gateway/src/sync/run-executor.service.ts')).toBe('apps/gateway/src/sync');
    expect(areaOf('apps/gateway/src/sync/dto/sync-request.dto.ts')).toBe('apps/gateway/src/sync');
    expect(areaOf('apps/gateway/src/sync/rules/two-way.ts')).toBe('apps/gateway/src/sync/rules');
    expect(areaOf('libs/feishu/src/model/index.ts')).toBe('libs/feishu');
    expect(layerOf('apps/gateway/src/sync')).toBe('app');
    expect(layerOf('apps/gateway/src/sync/engine')).toBe('engine');
    expect(layerOf('libs/wecom')).toBe('vendors');
    expect(layerOf('libs/mapping-store')).toBe('foundations');
  });

  it('draws an import that runs back up in red, and one running down plainly', () => {
    const up = { from: 'libs/translation', to: 'libs/connectors', typeOnly: false };
    const down = { from: 'libs/connectors', to: 'libs/translation', typeOnly: true };
    expect(runsBackUp(up)).toBe(true);
    expect(runsBackUp(down)).toBe(false);
    const picture = renderMermaid(['libs/connectors', 'libs/translation'], [down, up]);
    expect(picture).toContain('libs_connectors -.-> libs_translation');
    expect(picture).toContain('libs_translation --> libs_connectors');
    expect(picture).toContain('linkStyle 1 stroke:#d33');
  });
});
