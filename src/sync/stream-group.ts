import { loadStreamSchema } from '../normalize/load-schema.js';
import { findStream } from '../streams/index.js';
import type { SelectedStream } from '../streams/selected-stream.js';
import { replicationMethodOf, type StreamDefinition } from '../streams/types.js';

/**
 * A walk and the streams it writes: a parent stream (written only when selected) and its selected children,
 * which ride on the parent's walk and keep a bookmark like the parent's. A child selected without its
 * parent still walks the parent.
 */
export interface StreamGroup {
  /** The walked stream. */
  parent: SelectedStream;
  /** False when only children of it were selected: the parent's records are read, not written. */
  isParentWritten: boolean;
  children: SelectedStream[];
}

/** Groups the selected streams by the walk that produces them, in the order the parents were selected. */
export function planGroups(selected: readonly SelectedStream[]): StreamGroup[] {
  const groups = new Map<string, StreamGroup>();
  const groupOf = (parent: StreamDefinition, selectedParent: SelectedStream | undefined): StreamGroup => {
    let group = groups.get(parent.name);
    if (!group) {
      group = { parent: selectedParent ?? walkOnly(parent), isParentWritten: selectedParent !== undefined, children: [] };
      groups.set(parent.name, group);
    } else if (selectedParent) {
      group.parent = selectedParent;
      group.isParentWritten = true;
    }
    return group;
  };
  for (const stream of selected) {
    const replication = stream.definition.replication;
    if (replication.method !== 'CHILD') {
      groupOf(stream.definition, stream);
      continue;
    }
    const parent = findStream(replication.parent);
    if (!parent) throw new Error(`stream ${stream.definition.name} names an unknown parent ${replication.parent}`);
    const parentSelection = selected.find((s) => s.definition.name === parent.name);
    groupOf(parent, parentSelection).children.push(stream);
  }
  return [...groups.values()];
}

/** The parent of a child selected alone: walked with its default replication, every field read. */
function walkOnly(definition: StreamDefinition): SelectedStream {
  return {
    definition,
    schema: loadStreamSchema(definition.name),
    selectedFields: null,
    replicationMethod: replicationMethodOf(definition),
  };
}

/** Every stream a group writes: the parent (when selected) and the children. */
export function writtenStreams(group: StreamGroup): SelectedStream[] {
  return group.isParentWritten ? [group.parent, ...group.children] : [...group.children];
}
