/**
 * Edits of children embedded in a parent's body (a product's `variants`) that leave the parent's date_modified
 * and version alone, as BigCommerce does for variant edits. The generated body stays as generated (and cached);
 * the edits are applied over it each time it is served, so a later edit of the parent keeps them.
 */
import type { JsonObject } from './data/context.js';

/** Recomputes what an edit changes besides the edited fields (a variant's `calculated_price`). */
export type EditChild = (child: JsonObject, changes: JsonObject, parent: JsonObject) => JsonObject;

interface ParentEdits {
  field: string;
  edit: EditChild;
  /** Child id -> the changes made so far (later edits win). */
  changes: Map<number, JsonObject>;
}

export class EmbeddedEdits {
  /** `${stream}:${parentId}` -> the edits of that parent's embedded children. */
  private readonly byParent = new Map<string, ParentEdits>();

  /** Records an edit of the child `childId` held in the `field` array of a parent record. */
  add(stream: string, parentId: number, field: string, childId: number, changes: JsonObject, edit: EditChild): void {
    const key = `${stream}:${parentId}`;
    const edits = this.byParent.get(key) ?? { field, edit, changes: new Map<number, JsonObject>() };
    edits.changes.set(childId, { ...edits.changes.get(childId), ...changes });
    this.byParent.set(key, edits);
  }

  /** The body with its edited children replaced (a copy), or the body itself when none was edited. */
  apply(stream: string, parentId: number, body: JsonObject): JsonObject {
    const edits = this.byParent.get(`${stream}:${parentId}`);
    const children = body[edits?.field ?? ''];
    if (edits === undefined || !Array.isArray(children)) return body;
    const edited = children.map((child: JsonObject) => {
      const changes = edits.changes.get(Number(child.id));
      return changes === undefined ? child : edits.edit(child, changes, body);
    });
    return { ...body, [edits.field]: edited };
  }
}
