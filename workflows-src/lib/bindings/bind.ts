import { Step } from '@github-actions-workflow-ts/lib';

/** What an input may be given: YAML writes each as a string for the action. */
export type Value = string | number | boolean;

type StepFields = Omit<ConstructorParameters<typeof Step>[0], 'uses' | 'with' | 'run' | 'shell'>;
/** A step of an action: `with` may be left out only when the action requires no input. */
export type ActionStep<I> = StepFields & (Record<never, never> extends I ? { with?: I } : { with: I });

export type Binding<I, O extends string> = ((step: ActionStep<I>) => Step) & {
  readonly uses: string;
  /** `${{ steps.<id>.outputs.<name> }}` of a step made by this binding, for a later step or job. */
  output(step: Step, name: O): string;
};

/** The inputs a binding takes. */
export type InputsOf<B> = B extends Binding<infer I, string> ? I : never;

/** The typed maker of steps that use one action (actions.ts holds one per action). */
export function bind<I, O extends string = never>(uses: string, outputs: readonly O[]): Binding<I, O> {
  // `uses` goes just before `with`, where a workflow's reader looks for it.
  const make = ({ with: inputs, ...fields }: ActionStep<I>) =>
    new Step({ ...fields, uses, ...(inputs !== undefined && { with: inputs }) } as ConstructorParameters<
      typeof Step
    >[0]);
  return Object.assign(make, {
    uses,
    output(step: Step, name: O) {
      if (!outputs.includes(name)) throw new Error(`${uses} has no output ${name}`);
      if (!step.step.id) throw new Error(`a step whose output is read needs an id (${uses})`);
      return `\${{ steps.${step.step.id}.outputs.${name} }}`;
    },
  });
}
