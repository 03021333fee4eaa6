// Oracle: Maven's own org.apache.maven.artifact.versioning.ComparableVersion (Debian libmaven3-core-java).
// stdin a<TAB>b lines -> a<TAB>b<TAB>R. ComparableVersion accepts every string; none is invalid.
import java.io.*;
import java.nio.charset.StandardCharsets;
import org.apache.maven.artifact.versioning.ComparableVersion;

public class MavenOracle {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out), false, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            int tab = line.indexOf('\t');
            String a = line.substring(0, tab), b = line.substring(tab + 1);
            int r = Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
            out.print(a + "\t" + b + "\t" + r + "\n");
        }
        out.flush();
    }
}
