package dev.clade.orchestrator.cli;

import picocli.CommandLine.Command;

@Command(
        name = "clade",
        mixinStandardHelpOptions = true,
        version = "clade 0.1.0",
        description = "Improves a program by search: experiments on git branches, scores from a sandboxed evaluator,"
                + " all state in PostgreSQL.",
        subcommands = {
            RunCommand.class,
            ImportCommand.class,
            ServeCommand.class,
            StatusCommand.class,
            ExportCommand.class,
            LessonsCommand.class,
            IngestCommand.class,
            KnowledgeCommand.class,
            BenchCommand.class,
            AgentCommand.class,
            picocli.CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Data lives in $CLADE_HOME (default ~/.clade).",
            "An external PostgreSQL replaces the embedded one when QUARKUS_DATASOURCE_JDBC_URL",
            "(with _USERNAME and _PASSWORD) is set."
        })
public class CladeCommand {}
