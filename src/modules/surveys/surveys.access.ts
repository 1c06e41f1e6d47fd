// Owns: who may do what with surveys. Reading definitions and indices is open to every role, bounded to their own
// units for a unit responsible; the programme (surveys, triggers, settings, imports) is Customer Service
// management's; qualifying answers is a supervisor's; the analyst only reads. Kiosk links are a permission of their
// own ('surveys:kiosk' in auth/actor.ts).
import { forbidden } from '../../server/errors.ts';
import { type Actor, authorize, can, unitScope } from '../auth/actor.ts';

export type SurveyAction = 'read' | 'manage' | 'import' | 'invite' | 'qualify';

export const canSurvey = (actor: Actor, action: SurveyAction): boolean => can(actor, `surveys:${action}`);

export function authorizeSurvey(actor: Actor, action: SurveyAction): void {
  authorize(actor, `surveys:${action}`);
}

/**
 * The units a request may cover: the one asked for, if the actor may see it; else every unit the actor sees
 * (null: all). A unit responsible asking for another unit is refused, not silently given their own.
 */
export function unitsInScope(actor: Actor, unitId: string | undefined): string[] | null {
  const scope = unitScope(actor);
  if (unitId) {
    if (scope && !scope.includes(unitId)) {
      throw forbidden('You may see only your own units');
    }
    return [unitId];
  }
  return scope;
}
