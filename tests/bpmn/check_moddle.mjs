// SPDX-License-Identifier: EUPL-1.2
// Reads BPMN files with bpmn-moddle (the library of bpmn.io and Camunda Modeler) and fails on any warning it gives,
// on a flow element without its shape or edge in the diagram, and (with --coloured) on a flow node whose shape has
// no colour. Usage: node check_moddle.mjs [--coloured] FILE.bpmn...
import { BpmnModdle } from 'bpmn-moddle'; // a named export since bpmn-moddle 10
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const coloured = args[0] === '--coloured';
const files = coloured ? args.slice(1) : args;
if (files.length === 0) {
  console.error('usage: node check_moddle.mjs [--coloured] FILE.bpmn...');
  process.exit(2);
}
let failed = false;
const moddle = new BpmnModdle();
for (const file of files) {
  const fail = (message) => {
    console.error(`${file}: ${message}`);
    failed = true;
  };
  let result;
  try {
    result = await moddle.fromXML(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`not read: ${error.message}`);
    continue;
  }
  for (const warning of result.warnings) fail(`warning: ${warning.message}`);
  const drawn = new Map();
  for (const diagram of result.rootElement.diagrams || []) {
    for (const element of diagram.plane.planeElement || []) {
      if (element.bpmnElement) drawn.set(element.bpmnElement.id, element);
    }
  }
  let nodes = 0, flows = 0;
  for (const root of result.rootElement.rootElements) {
    if (root.$type !== 'bpmn:Process') continue;
    for (const element of root.flowElements || []) {
      const shape = drawn.get(element.id);
      if (!shape) fail(`${element.$type} ${element.id} has no shape or edge in the diagram`);
      if (element.$type === 'bpmn:SequenceFlow') {
        flows += 1;
        if (shape && (!shape.waypoint || shape.waypoint.length < 2)) fail(`the edge of ${element.id} has no waypoints`);
        continue;
      }
      nodes += 1;
      if (shape && !shape.bounds) fail(`the shape of ${element.id} has no bounds`);
      if (coloured && shape && (!shape.get('bioc:fill') || !shape.get('color:background-color')))
        fail(`the shape of ${element.id} has no colour`);
    }
  }
  if (nodes === 0) fail('no flow node');
  console.log(`${file}: ${nodes} flow nodes, ${flows} sequence flows, ${result.warnings.length} warnings`);
}
process.exit(failed ? 1 : 0);
