package chatroom.ui.swing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import javax.swing.SwingUtilities;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs each test and its set-up on Swing's event dispatch thread, where the code under test expects to be, so
 * that Swing's own queued work (caret, scrolling) never runs beside the test on another thread.
 */
final class OnSwingThread implements InvocationInterceptor {
    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
                                          ReflectiveInvocationContext<Method> invocationContext,
                                          ExtensionContext extensionContext) throws Throwable {
        onSwingThread(invocation);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        onSwingThread(invocation);
    }

    private static void onSwingThread(Invocation<Void> invocation) throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    invocation.proceed();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
