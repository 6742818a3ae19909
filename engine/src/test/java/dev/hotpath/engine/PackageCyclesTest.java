package dev.hotpath.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's packages form no cycle: each one's main sources name (in imports or fully qualified, comments left
 * out) only packages that do not name it back, directly or through others. Keeps the layering the package javadocs
 * describe (api, book, matching, risk, core, codec, journal, snapshot, then pipeline) from eroding.
 */
class PackageCyclesTest
{
    private static final Path SOURCES = Path.of("src/main/java/dev/hotpath/engine");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.hotpath\\.engine\\.([a-z]+)\\.[A-Z]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void noPackageCycle()
    {
        final Map<String, Set<String>> dependencies = dependencies();
        assertTrue(dependencies.get("pipeline").contains("snapshot"), "the scan sees pipeline's use of snapshot");
        assertTrue(dependencies.get("snapshot").contains("core"), "the scan sees snapshot's use of core");
        final List<List<String>> cycles = new ArrayList<>();
        for (final String start : dependencies.keySet())
        {
            final List<String> cycle = pathBack(start, dependencies);
            if (!cycle.isEmpty())
            {
                cycles.add(cycle);
            }
        }
        assertEquals(List.of(), cycles, "package cycles (each a path from a package back to itself)");
    }

    /** A shortest path of dependencies from {@code start} back to itself, or an empty list when there is none. */
    private static List<String> pathBack(final String start, final Map<String, Set<String>> dependencies)
    {
        final Map<String, String> reachedFrom = new TreeMap<>();
        final Deque<String> queue = new ArrayDeque<>(dependencies.getOrDefault(start, Set.of()));
        dependencies.getOrDefault(start, Set.of()).forEach(next -> reachedFrom.put(next, start));
        while (!queue.isEmpty())
        {
            final String at = queue.poll();
            if (at.equals(start))
            {
                final List<String> path = new ArrayList<>(List.of(start));
                for (String step = reachedFrom.get(start); !step.equals(start); step = reachedFrom.get(step))
                {
                    path.add(0, step);
                }
                path.add(0, start);
                return path;
            }
            for (final String next : dependencies.getOrDefault(at, Set.of()))
            {
                if (reachedFrom.putIfAbsent(next, at) == null)
                {
                    queue.add(next);
                }
            }
        }
        return List.of();
    }

    private static Map<String, Set<String>> dependencies()
    {
        final Map<String, Set<String>> dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES))
        {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file ->
            {
                final String from = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                final Set<String> to = dependencies.computeIfAbsent(from, key -> new TreeSet<>());
                final Matcher reference = REFERENCE.matcher(COMMENT.matcher(read(file)).replaceAll(""));
                while (reference.find())
                {
                    if (!reference.group(1).equals(from))
                    {
                        to.add(reference.group(1));
                    }
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return dependencies;
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
