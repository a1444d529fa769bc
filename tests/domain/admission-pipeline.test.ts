import { describe, expect, it } from 'vitest';
import { fieldsNotOfStep, nextSteps, previousStep, twoThirdsAgree } from '../../src/domain/admission-pipeline.ts';

describe('the order of the admission steps', () => {
  it.each([
    ['source', ['helper_assigned']],
    ['dossier', ['cell_resolution']],
    ['decision', ['ceremony']],
    ['probation', ['recognised', 'strike_off_proposed']],
    ['recognised', []],
  ] as const)('after %s comes %j', (stage, next) => {
    expect(nextSteps(stage)).toEqual(next);
  });

  it.each([
    ['source', null],
    ['awareness_course', 'helper_assigned'],
    ['recognised', 'ceremony'],
    ['strike_off_proposed', 'ceremony'],
  ] as const)('%s may not precede %s', (step, before) => {
    expect(previousStep(step)).toBe(before);
  });
});

describe('two thirds of the full members', () => {
  it.each([
    [6, 9, true],
    [5, 9, false],
    [2, 3, true],
    [0, 0, false],
  ])('%i of %i agree: %s', (votesFor, members, agree) => {
    expect(twoThirdsAgree(votesFor, members)).toBe(agree);
  });
});

describe('the fields each step records', () => {
  it.each([
    ['source', { votesFor: 3, fullMembers: 9, memberId: 1 }, ['memberId', 'votesFor', 'fullMembers']],
    ['helper_assigned', { memberId: 4 }, []],
    ['helper_assigned', { memberId: 4, knownSince: '2020-01-01' }, ['knownSince']],
    ['dossier', { memberId: 4, knownSince: '2020-01-01' }, []],
    ['cell_resolution', { votesFor: 6, fullMembers: 9, decisionNumber: '01-NQ/CB' }, ['decisionNumber']],
    ['decision', { decisionNumber: '12-QĐ/ĐU', votesFor: 6 }, ['votesFor']],
    ['recognised', { decisionNumber: '40-QĐ/ĐU', votesFor: 6, fullMembers: 9 }, []],
    ['ceremony', { memberId: undefined, decisionNumber: undefined }, []],
  ] as const)('%s given %j refuses %j', (step, given, refused) => {
    expect(fieldsNotOfStep(step, given)).toEqual(refused);
  });
});
