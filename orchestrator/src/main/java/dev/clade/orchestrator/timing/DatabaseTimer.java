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
        Exception[] failure = {null};
        Object result = Stopwatch.time(Part.DATABASE, () -> {
            try {
                return call.proceed();
            } catch (Exception e) {
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result;
    }
}
