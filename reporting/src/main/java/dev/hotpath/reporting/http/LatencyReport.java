package dev.hotpath.reporting.http;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The latest load-generator run: {@code <reports>/latest/summary.json}, a list of objects with the fields
 * {@code mode, workload, offered_rate, achieved_rate, count, p50_us, p90_us, p99_us, p999_us, p9999_us,
 * max_us, errors}. Read afresh on each request, so a new run shows without a restart.
 *
 * <p>Immutable; any thread.
 */
public final class LatencyReport
{
    /** The fields of a run, in the order the dashboard shows them. */
    public static final List<String> FIELDS = List.of("mode", "workload", "offered_rate", "achieved_rate", "count",
        "p50_us", "p90_us", "p99_us", "p999_us", "p9999_us", "max_us", "errors");

    private final Path summary;

    /**
     * @param reportsDir the reports directory.
     */
    public LatencyReport(final Path reportsDir)
    {
        this.summary = reportsDir.resolve("latest").resolve("summary.json");
    }

    /**
     * @return {@code {"runs": [...]}} with the runs' known fields, or {@code {"runs": [], "message": "no run yet"}}
     *     when there is no summary (or {@code "message"} says why it could not be read).
     */
    public String json()
    {
        final JsonObject out = new JsonObject();
        final JsonArray runs = new JsonArray();
        out.add("runs", runs);
        if (!Files.isRegularFile(summary))
        {
            out.addProperty("message", "no run yet");
            return out.toString();
        }
        try
        {
            final JsonElement parsed = JsonParser.parseString(Files.readString(summary, StandardCharsets.UTF_8));
            if (!parsed.isJsonArray())
            {
                throw new JsonParseException("not a list");
            }
            for (final JsonElement element : parsed.getAsJsonArray())
            {
                if (!element.isJsonObject())
                {
                    continue;
                }
                final JsonObject run = new JsonObject();
                for (final String field : FIELDS)
                {
                    final JsonElement value = element.getAsJsonObject().get(field);
                    if (value != null)
                    {
                        run.add(field, value);
                    }
                }
                runs.add(run);
            }
            out.addProperty("source", summary.toString());
        }
        catch (final IOException | JsonParseException | IllegalStateException ex)
        {
            out.addProperty("message", "cannot read " + summary + ": " + ex.getMessage());
        }
        return new Gson().toJson(out);
    }
}
