package org.parley.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.parley.cli.keys.DevKeys;
import org.parley.cli.node.NodeConfig;
import org.parley.cli.node.ParleyNode;

/** Starts a {@link ParleyNode} and hosts it until interrupted (Ctrl-C), for demo and serve. */
final class NodeHost {
  private NodeHost() {}

  static int host(
      PrintWriter out,
      NodeConfig config,
      DevKeys keys,
      Path secrets,
      String portAdvice,
      Consumer<ParleyNode> banner) {
    ParleyNode node;
    try {
      node = ParleyNode.start(config, keys, secrets, Clock.systemUTC());
    } catch (NodeConfig.Invalid e) {
      throw CliFailure.usage(e.getMessage());
    } catch (BindException e) {
      throw CliFailure.failed(e.getMessage() + "; " + portAdvice, e);
    } catch (IOException e) {
      throw CliFailure.failed(e.getMessage(), e);
    }
    Thread hook = new Thread(node::close, "parley-node-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try {
      banner.accept(node);
      out.flush();
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      interrupted = true; // restored after the node has stopped, which itself waits
    } finally {
      node.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
