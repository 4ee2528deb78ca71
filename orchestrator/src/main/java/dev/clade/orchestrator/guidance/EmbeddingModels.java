package dev.clade.orchestrator.guidance;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The sentence model behind lesson and knowledge recall: all-MiniLM-L6-v2 (quantized, 384 dimensions) run in-process
 * by ONNX Runtime from a Maven artifact, so recall needs no network and no API key.
 */
@Singleton
public class EmbeddingModels {

    @Produces
    @Singleton
    EmbeddingModel embeddingModel() {
        return new AllMiniLmL6V2QuantizedEmbeddingModel();
    }
}
