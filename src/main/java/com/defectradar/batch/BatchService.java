package com.defectradar.batch;

import com.defectradar.common.Codes;
import com.defectradar.web.ProblemException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/** Registers production batches and reports their ticket counts. */
@ApplicationScoped
public class BatchService {

    /** Whether the PUT created the batch, and the batch as stored. */
    public record Registration(boolean created, BatchView batch) {
    }

    @Transactional
    public Registration register(String batchId, BatchInput input) {
        String key = Codes.key(batchId);
        if (key == null || batchId.length() > BatchParser.CODE_LENGTH) {
            throw ProblemException.invalid("batchId", "must be 1 to " + BatchParser.CODE_LENGTH + " characters");
        }
        // Two PUTs of a new batch may race: the insert decides which one created it, the row lock orders the writes.
        int inserted = Panache.getEntityManager().createNativeQuery(
                        "insert into production_batch (batch_key, batch_id, units_produced, updated_at) "
                                + "values (?1, ?2, ?3, now()) on conflict (batch_key) do nothing")
                .setParameter(1, key).setParameter(2, batchId.strip()).setParameter(3, input.unitsProduced())
                .executeUpdate();
        ProductionBatch batch = ProductionBatch.findById(key, LockModeType.PESSIMISTIC_WRITE);
        batch.batchId = batchId.strip();
        batch.component = input.component();
        batch.componentKey = Codes.key(input.component());
        batch.unitsProduced = input.unitsProduced();
        batch.producedFrom = input.producedFrom();
        batch.producedTo = input.producedTo();
        batch.unitRecallCost = input.unitRecallCost();
        batch.currency = input.currency();
        batch.updatedAt = Instant.now();
        return new Registration(inserted == 1, view(batch));
    }

    public BatchView get(String batchId) {
        return find(batchId).map(BatchService::view)
                .orElseThrow(() -> ProblemException.notFound("No batch '" + batchId + "' is registered."));
    }

    public Optional<ProductionBatch> find(String batchId) {
        return ProductionBatch.findByIdOptional(Codes.key(batchId) == null ? "" : Codes.key(batchId));
    }

    private static BatchView view(ProductionBatch batch) {
        long tickets = ((Number) Panache.getEntityManager()
                .createNativeQuery("select count(*) from ticket where batch_key = ?1")
                .setParameter(1, batch.batchKey).getSingleResult()).longValue();
        return new BatchView(batch.batchId, batch.component, batch.unitsProduced, batch.producedFrom,
                batch.producedTo, batch.unitRecallCost, batch.currency, tickets,
                tickets * 1000.0 / batch.unitsProduced);
    }
}
