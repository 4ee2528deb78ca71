package dev.clade.orchestrator.timing;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Times {@link DatabaseTimed} methods, outside their transaction so that the commit is counted too. */
@DatabaseTimed
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class DatabaseTimer {

    @AroundInvoke
    Object time(InvocationContext call) throws Exception {
        return Stopwatch.call(Part.DATABASE, call::proceed);
    }
}
