package io.spindle.runtime.rpc;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.spindle.runtime.task.MapOutput;
import io.spindle.runtime.task.TaskDescription;
import io.spindle.runtime.task.TaskMetrics;
import io.spindle.runtime.task.TaskResult;
import io.spindle.runtime.task.WrittenFile;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * Builds the Kryo instances that encode driver-executor messages and task descriptions. Plan nodes are
 * immutable classes without no-arg constructors, so objects are created without calling constructors; the
 * JDK's immutable collections ({@code List.of}, {@code List.copyOf}) get serializers that rebuild them.
 * Kryo instances are not thread-safe: make one per thread or channel.
 */
public final class KryoFactory
{
    private KryoFactory()
    {
    }

    public static Kryo create()
    {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader != null) {
            kryo.setClassLoader(loader);
        }
        kryo.addDefaultSerializer(jdkClass("java.util.ImmutableCollections$AbstractImmutableList"), new ImmutableListSerializer());
        kryo.addDefaultSerializer(jdkClass("java.util.ImmutableCollections$AbstractImmutableSet"), new ImmutableSetSerializer());
        kryo.addDefaultSerializer(jdkClass("java.util.ImmutableCollections$AbstractImmutableMap"), new ImmutableMapSerializer());
        for (Class<?> type : REGISTERED) {
            kryo.register(type);
        }
        return kryo;
    }

    /**
     * Classes on every message, registered so that they travel as small ids instead of their names. Driver and
     * executors run the same jar, so both sides number them alike; append only. Other classes (plan nodes,
     * expressions, user values) still travel by name.
     */
    private static final List<Class<?>> REGISTERED = List.of(
            Messages.RegisterExecutor.class,
            Messages.RegisteredExecutor.class,
            Messages.LaunchTask.class,
            Messages.StatusUpdate.class,
            Messages.Heartbeat.class,
            Messages.StopExecutor.class,
            Messages.RemoveCache.class,
            TaskDescription.class,
            TaskDescription.ShuffleOutput.class,
            TaskResult.class,
            TaskMetrics.class,
            MapOutput.class,
            WrittenFile.class,
            long[].class,
            byte[].class,
            ArrayList.class,
            HashMap.class,
            Optional.class);

    private static Class<?> jdkClass(String name)
    {
        try {
            return Class.forName(name);
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException("this JDK lacks " + name + "; Spindle needs Java 17", e);
        }
    }

    private static final class ImmutableListSerializer
            extends Serializer<List<Object>>
    {
        @Override
        public void write(Kryo kryo, Output output, List<Object> list)
        {
            output.writeVarInt(list.size(), true);
            for (Object element : list) {
                kryo.writeClassAndObject(output, element);
            }
        }

        @Override
        public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type)
        {
            int size = input.readVarInt(true);
            List<Object> elements = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                elements.add(kryo.readClassAndObject(input));
            }
            return List.copyOf(elements);
        }
    }

    private static final class ImmutableSetSerializer
            extends Serializer<Set<Object>>
    {
        @Override
        public void write(Kryo kryo, Output output, Set<Object> set)
        {
            output.writeVarInt(set.size(), true);
            for (Object element : set) {
                kryo.writeClassAndObject(output, element);
            }
        }

        @Override
        public Set<Object> read(Kryo kryo, Input input, Class<? extends Set<Object>> type)
        {
            int size = input.readVarInt(true);
            Set<Object> elements = new HashSet<>(size * 2);
            for (int i = 0; i < size; i++) {
                elements.add(kryo.readClassAndObject(input));
            }
            return Set.copyOf(elements);
        }
    }

    private static final class ImmutableMapSerializer
            extends Serializer<Map<Object, Object>>
    {
        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> map)
        {
            output.writeVarInt(map.size(), true);
            for (Map.Entry<Object, Object> entry : map.entrySet()) {
                kryo.writeClassAndObject(output, entry.getKey());
                kryo.writeClassAndObject(output, entry.getValue());
            }
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type)
        {
            int size = input.readVarInt(true);
            Map<Object, Object> entries = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                entries.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
            }
            return Map.copyOf(entries);
        }
    }
}
