package dev.clade.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;

/** Settings of the Clade service ({@code clade.*}). */
@ConfigMapping(prefix = "clade")
public interface CladeConfig {

    /** Data directory: the embedded database, bare repositories, work folders and logs ({@code $CLADE_HOME}). */
    Path home();

    /** Work folders of finished proposals and evaluations are deleted unless this is true (logs are always kept). */
    @WithDefault("false")
    boolean keepWorkDirs();

    /** How long a worker waits for work in flight before asking the strategy again. */
    @WithDefault("1s")
    Duration waitPoll();

    /** Slurm partition that stages with {@code backend: slurm} are submitted to; the cluster's default if unset. */
    java.util.Optional<String> slurmPartition();

    /** More folders the local sandbox shows read-only although they lie in a hidden folder (the host's home). */
    java.util.Optional<java.util.List<Path>> sandboxReadOnly();

    /** The REST API and dashboard. */
    Api api();

    /** The REST API ({@code clade.api.*}); the HTTP server itself is configured by {@code quarkus.http.*}. */
    interface Api {
        /**
         * Bearer token of the API ({@code CLADE_API_TOKEN}); when unset, one is generated at first start, kept in
         * {@code $CLADE_HOME/api-token} and printed once.
         */
        java.util.Optional<String> token();

        /** Let read calls (GET) through without the token; calls that change state always need it. */
        @WithDefault("false")
        boolean publicReads();

        /**
         * Folders under which a campaign started over REST may name local paths ({@code target.repo}, {@code
         * proposer.agent}, {@code evaluator.agentBenchmark}, {@code knowledge}); none by default, so that only git URLs
         * are accepted. The CLI is not bound by them: it runs with its user's own rights.
         */
        java.util.Optional<java.util.List<Path>> repoRoots();

        /**
         * How many read calls of the API may use the database at once; more wait, at most {@link #readWait()}, then get
         * a 503. Keeps readers from taking the connections the campaigns' workers need.
         */
        @WithDefault("4")
        int maxConcurrentReads();

        /** How long a read call waits for its turn before it is answered 503. */
        @WithDefault("5s")
        java.time.Duration readWait();

        /**
         * How old an answer about a running campaign (its row in the list, its report, its tree) may be when it is
         * served again instead of being built anew: a campaign moves many times a second, and readers polling it
         * would otherwise each rebuild what they read. Once the campaign stops, pauses or fails, the next read is
         * exact. {@code 0s} builds every answer of a campaign that has moved since.
         */
        @WithDefault("1s")
        java.time.Duration liveReadAge();
    }

    /** {@code clade serve}: how many campaigns one instance runs at most, how often it looks for orphaned ones. */
    Serve serve();

    interface Serve {
        /** Campaigns this instance runs at once; more wait, running, for a free place here or on another instance. */
        @WithDefault("16")
        int maxCampaigns();

        /** How often an instance looks for a running campaign that no live process holds. */
        @WithDefault("3s")
        java.time.Duration adoptEvery();
    }

    /** What a stopping instance (SIGTERM) does with the work it runs. */
    Shutdown shutdown();

    interface Shutdown {
        /** How long stages in flight may take to finish before they are killed and left for re-running. */
        @WithDefault("30s")
        java.time.Duration grace();
    }

    /** Limits of importing a plain folder as a target ({@code clade.import.*}); git repositories are fetched. */
    @WithName("import")
    Import importing();

    /** How much of a folder an import takes at most: a target is a program, not a disk. */
    interface Import {
        /** The most files. */
        @WithDefault("100000")
        int maxFiles();

        /** The most bytes in all. */
        @WithDefault("1073741824")
        long maxBytes();
    }

    /** Defaults of the LLM proposer. */
    Llm llm();

    /** The LLM proposer's defaults ({@code clade.llm.*}); a campaign's {@code proposer.model} wins over them. */
    interface Llm {
        /** Model of campaigns that name none, as {@code provider:model}, e.g. {@code openai:gpt-4.1-mini}. */
        java.util.Optional<String> model();

        /** Endpoint for that model (an OpenAI-compatible server, Ollama, ...); the provider's public one if unset. */
        java.util.Optional<String> baseUrl();
    }

    /** Where stages with {@code backend: kubernetes} run. */
    Kubernetes kubernetes();

    /** The Kubernetes backend ({@code clade.kubernetes.*}); the client itself reads the usual kubeconfig. */
    interface Kubernetes {
        /** Namespace the Jobs are created in. */
        @WithDefault("default")
        String namespace();

        /** Image the stage commands run in; required to use the backend. */
        java.util.Optional<String> image();

        /** PersistentVolumeClaim holding Clade's work folders, mounted in every Job. */
        java.util.Optional<String> claim();

        /** Where that claim is mounted on this host (a prefix of the work folders). */
        java.util.Optional<Path> localRoot();

        /** Where the claim is mounted in the Job's pod. */
        @WithDefault("/workspace")
        String mountPath();
    }

    default Path repos() {
        return home().resolve("repos");
    }

    default Path work() {
        return home().resolve("work");
    }

    default Path logs() {
        return home().resolve("logs");
    }
}
