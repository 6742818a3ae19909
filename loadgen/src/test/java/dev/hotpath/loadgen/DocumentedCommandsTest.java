package dev.hotpath.loadgen;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code ./hotpath loadgen ...} command line the READMEs and docs show (in code blocks and inline code) still
 * parses: same subcommands, same options, every required one given. Placeholders ({@code ...}, {@code [optional]},
 * {@code a|b}) are left out. Nothing is run.
 */
class DocumentedCommandsTest
{
    private static final Path ROOT = Path.of("..");
    private static final Pattern FENCE = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("`([^`]*\\./hotpath loadgen[^`]*)`");
    private static final String LAUNCHER = "./hotpath loadgen ";

    @Test
    void everyDocumentedLoadgenCommandLineParses()
    {
        final List<String> lines = documentedCommandLines();
        assertTrue(lines.size() >= 10, "found the documented command lines: " + lines);
        for (final String line : lines)
        {
            final String[] args = line.substring(line.indexOf(LAUNCHER) + LAUNCHER.length()).trim().split("\\s+");
            try
            {
                new CommandLine(new LoadgenMain()).parseArgs(args);
            }
            catch (final CommandLine.ParameterException ex)
            {
                fail("documented command line no longer parses: " + line + " (" + ex.getMessage() + ")");
            }
        }
    }

    private static List<String> documentedCommandLines()
    {
        final List<String> commands = new ArrayList<>();
        for (final Path doc : docs())
        {
            final String text = read(doc);
            final Matcher block = FENCE.matcher(text);
            while (block.find())
            {
                for (final String line : block.group(1).replace("\\\n", " ").split("\n"))
                {
                    add(line.replaceAll("\\s+#.*$", ""), commands);
                }
            }
            final Matcher inline = INLINE.matcher(FENCE.matcher(text).replaceAll("").replace("\n", " "));
            while (inline.find())
            {
                add(inline.group(1), commands);
            }
        }
        return commands;
    }

    private static void add(final String line, final List<String> commands)
    {
        if (line.contains(LAUNCHER) && Stream.of("...", "[", "|", "SUBCOMMAND", "ARGS").noneMatch(line::contains))
        {
            commands.add(line.trim());
        }
    }

    private static List<Path> docs()
    {
        final List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> top = Files.list(ROOT); Stream<Path> pages = Files.list(ROOT.resolve("docs")))
        {
            top.map(dir -> dir.resolve("README.md")).filter(Files::isRegularFile).forEach(docs::add);
            pages.filter(page -> page.toString().endsWith(".md")).forEach(docs::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return docs;
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
