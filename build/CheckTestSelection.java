import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A build step, run by the parent pom in every module before its tests (java's single-file launcher, from
 * an evaluateBeanshell rule of maven-enforcer-plugin): fails the build when a class under {@code src/test/java} has tests ({@code @Test},
 * {@code @Property}, {@code @Example}, ...) but a name that neither surefire's nor failsafe's includes select,
 * so that its tests would never run. The includes are passed in from the same pom properties the two plugins
 * are configured with ({@code hotpath.unit.tests}, {@code hotpath.integration.tests}).
 *
 * <p>Usage: {@code java CheckTestSelection.java MODULE_DIR UNIT_INCLUDES INTEGRATION_INCLUDES}, each list of
 * includes comma-separated globs such as {@code **}{@code /*Test.java}. One thread.
 */
public final class CheckTestSelection
{
    /** An annotation that makes a method a test for JUnit Jupiter or jqwik. */
    private static final Pattern TEST_ANNOTATION = Pattern.compile(
        "@(?:[\\w.]+\\.)?(?:Test|Property|Example|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");
    private static final Pattern ABSTRACT_CLASS = Pattern.compile("\\babstract\\s+class\\b");

    private CheckTestSelection()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length != 3)
        {
            System.err.println("usage: java CheckTestSelection.java MODULE_DIR UNIT_INCLUDES INTEGRATION_INCLUDES");
            System.exit(2);
        }
        final Path tests = Path.of(args[0], "src", "test", "java");
        if (!Files.isDirectory(tests))
        {
            return;
        }
        final List<PathMatcher> includes = Stream.of(args[1], args[2])
            .flatMap(list -> Arrays.stream(list.split(",")))
            .map(String::trim)
            .filter(glob -> !glob.isEmpty())
            .flatMap(glob -> Stream.of(glob, glob.startsWith("**/") ? glob.substring(3) : glob))
            .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
            .toList();
        final List<Path> unselected;
        try (Stream<Path> files = Files.walk(tests))
        {
            unselected = files
                .filter(f -> f.toString().endsWith(".java"))
                .filter(CheckTestSelection::declaresTests)
                .map(tests::relativize)
                .filter(f -> includes.stream().noneMatch(m -> m.matches(f) || m.matches(f.getFileName())))
                .sorted()
                .toList();
        }
        if (!unselected.isEmpty())
        {
            System.err.println("[ERROR] These test classes are selected by neither surefire (" + args[1] +
                ") nor failsafe (" + args[2] + "), so their tests would never run; rename them:");
            unselected.forEach(f -> System.err.println("[ERROR]   " + tests.resolve(f)));
            System.exit(1);
        }
    }

    private static boolean declaresTests(final Path file)
    {
        try
        {
            final String source = Files.readString(file);
            return TEST_ANNOTATION.matcher(source).find() && !ABSTRACT_CLASS.matcher(source).find();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
