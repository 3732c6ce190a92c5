import { exampleDraft } from '../../services/catalogue/examples';
import { loadCatalogue } from '../../services/catalogue/loadCatalogue';
import { resourcePath } from '../../services/resources';
import { need, type Command } from '../command';

const catalogue = () => loadCatalogue(resourcePath('catalogue'));

export const lifeEventsCommand: Command = {
  name: 'life-events',
  usage: 'life-events [--json]                             列出生活事件及其通報項目與接收機關',
  options: { json: { type: 'boolean' } },
  run: (values) => {
    const c = catalogue();
    const events = c.lifeEvents.map((e) => ({
      code: e.code,
      name: e.name,
      items: e.items.map((r) => ({ item: r.item, agency: c.items.find((i) => i.code === r.item)!.receiverAgency })),
    }));
    if (values.json) console.log(JSON.stringify(events));
    else {
      for (const e of events) {
        console.log(`${e.code}\t${e.name}\t${e.items.length} 項：${e.items.map((i) => `${i.item}→${i.agency}`).join('、')}`);
      }
    }
    return 0;
  },
};

export const draftExampleCommand: Command = {
  name: 'draft-example',
  usage: 'draft-example --life-event 代碼                   印出該生活事件的一份有效案件草稿（JSON，同 cases.create 輸入）',
  options: { 'life-event': { type: 'string' } },
  run: (values) => {
    console.log(JSON.stringify(exampleDraft(catalogue(), resourcePath('catalogue'), need(values, 'life-event')), null, 2));
    return 0;
  },
};
