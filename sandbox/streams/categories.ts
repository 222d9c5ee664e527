import { categoriesOfTree } from '../data/generate-categories.js';
import { fieldLists } from './field-lists.js';
import { booleanEquals, intIn, textEquals, textIn, textLike } from './filters.js';
import { defineDerived, type ParamFilter, type RecordView } from './spec.js';

const text = (name: string) => (record: RecordView) => String(record.body()[name] ?? '');
const int = (name: string) => (record: RecordView) => Number(record.body()[name]);

/** The `:not_in` form of an `:in` filter. */
function negated(filter: ParamFilter): ParamFilter {
  return (raw) => {
    const parsed = filter(raw);
    return parsed.ok ? { ok: true, test: (record) => !parsed.test(record) } : parsed;
  };
}

/**
 * `GET /v3/catalog/trees/categories` (category-trees_catalog.v3.yml): every tree's categories, `category_id`
 * ascending; `category_id`, `category_uuid`, `tree_id` and `parent_id` with `:in`/`:not_in`, `name`, `page_title`
 * (and `:like`), `is_visible`, field lists, pages; no id range and no sort (a 422 for any parameter the spec
 * doesn't list). A deleted tree takes its categories along.
 */
export const categories = defineDerived({
  stream: 'categories',
  resource: 'products',
  parent: 'category_trees',
  hasDateModified: false,
  children: categoriesOfTree,
  list: {
    envelope: 'v3',
    idFilters: [],
    strict: { ignored: ['keyword'] },
    filters: {
      'category_id:in': intIn(int('category_id')),
      'category_id:not_in': negated(intIn(int('category_id'))),
      'category_uuid:in': textIn(text('category_uuid')),
      'category_uuid:not_in': negated(textIn(text('category_uuid'))),
      'tree_id:in': intIn(int('tree_id')),
      'tree_id:not_in': negated(intIn(int('tree_id'))),
      'parent_id:in': intIn(int('parent_id')),
      'parent_id:not_in': negated(intIn(int('parent_id'))),
      name: textEquals(text('name')),
      'name:like': textLike(text('name')),
      page_title: textEquals(text('page_title')),
      'page_title:like': textLike(text('page_title')),
      is_visible: booleanEquals((record) => record.body().is_visible === true),
    },
    render: fieldLists('category_id'),
  },
});
