package dev.hotpath.engine.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThreadingModeTest
{
    @Test
    void shouldShareOneThreadBelowFourCores()
    {
        assertEquals(ThreadingMode.SHARED, ThreadingMode.forCores(1));
        assertEquals(ThreadingMode.SHARED, ThreadingMode.forCores(2));
        assertEquals(ThreadingMode.SHARED, ThreadingMode.forCores(3));
        assertEquals(ThreadingMode.DEDICATED, ThreadingMode.forCores(4));
        assertEquals(ThreadingMode.DEDICATED, ThreadingMode.forCores(64));
    }

    @Test
    void shouldDefaultToTheModeForThisMachine()
    {
        assertEquals(ThreadingMode.forThisMachine(),
            EngineConfig.builder().directory(java.nio.file.Path.of("unused")).build().threadingMode());
    }
}
