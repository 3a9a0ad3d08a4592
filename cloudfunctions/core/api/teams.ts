/** Contract of the `teams` function. */
import * as z from 'zod';
import { type ActionSpecs } from './common';

export const teamsActions = {
  list: { input: z.strictObject({}), mutation: false, summary: '队伍列表：名称、简介、队长' },
} satisfies ActionSpecs;

export interface TeamView {
  id: string;
  name: string;
  description: string;
  leaderNames: string[];
}

export interface TeamsResults {
  list: { items: TeamView[] };
}
