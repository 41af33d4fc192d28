import { useNavigate } from 'react-router';
import type { Observance } from '@resonance/contracts';
import { ConfirmButton } from '../../../shared/components/ConfirmButton';
import { FormError } from '../../../shared/components/FormError';
import { useDeleteObservanceMutation } from '../api/planningApi';

/** Deletes an observance of the organisation's own; the API refuses (409) while campaigns are linked to it. */
export function DeleteObservanceButton({ observance }: { observance: Observance }) {
  const navigate = useNavigate();
  const remove = useDeleteObservanceMutation(observance.id);
  return (
    <div className="planning-delete">
      <ConfirmButton
        label="Delete observance"
        question={`Delete ${observance.name}? Your calendar loses it; campaigns must be unlinked first.`}
        confirmLabel="Yes, delete"
        pending={remove.isPending}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => void navigate('/planning') })}
      />
      <FormError error={remove.error} />
    </div>
  );
}
