import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE_FILES, type Catalogue } from '../../../shared/catalogue/schema';
import { formatCatalogueProblems, validateCatalogue, type CatalogueProblem } from '../../../shared/catalogue/validate';
import { routingProblems } from '../../../shared/routing';

export class CatalogueError extends Error {
  constructor(readonly dir: string, readonly problems: CatalogueProblem[]) {
    super(`服務目錄（${dir}）有 ${problems.length} 個錯誤，程式無法啟動：\n${formatCatalogueProblems(problems)}`);
    this.name = 'CatalogueError';
  }
}

/** Reads the catalogue folder (agencies.json, items.json, life-events.json); throws CatalogueError listing every problem. */
export function loadCatalogue(dir: string): Catalogue {
  const problems: CatalogueProblem[] = [];
  const read = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      problems.push({ file, path: '', message: err.code === 'ENOENT' ? '找不到檔案' : `不是有效的 JSON：${err.message}` });
      return undefined;
    }
  };
  const raw = { agencies: read(CATALOGUE_FILES.agencies), items: read(CATALOGUE_FILES.items), lifeEvents: read(CATALOGUE_FILES.lifeEvents) };
  if (problems.length > 0) throw new CatalogueError(dir, problems);
  const result = validateCatalogue(raw);
  if (!result.ok) throw new CatalogueError(dir, result.problems);
  // Service areas and item routing (issue 14): checked here until shared/catalogue/validate.ts calls routingProblems itself.
  const routing = routingProblems(result.catalogue);
  if (routing.length > 0) throw new CatalogueError(dir, routing);
  return result.catalogue;
}
